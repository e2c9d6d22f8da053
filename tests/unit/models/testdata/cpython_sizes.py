# Measures the CPython footprints gofast's footprint model (src/models/footprint.cpp) reproduces.
# Run: python3 cpython_sizes.py > cpython_sizes.txt   (recorded with the Python version it prints)
#
# "deep" = the sum of sys.getsizeof over the distinct objects reachable from the value (lists and
# tuples are followed; shared objects such as True/False count once). Values are distinct and outside
# the small-int cache (ints 1000+i, floats i+0.5, strings "s%0Nd"), as the model assumes.
import sys


def deep(obj):
    seen = set()
    total = 0
    stack = [obj]
    while stack:
        o = stack.pop()
        if id(o) in seen:
            continue
        seen.add(id(o))
        total += sys.getsizeof(o)
        if isinstance(o, (list, tuple)):
            stack.extend(o)
    return total


def exact_list(n, f):
    lst = [None] * n  # allocates exactly n slots, like make([]T, n)
    for i in range(n):
        lst[i] = f(i)
    return lst


def string(n, i=0):
    if n == 0:
        return ""
    return ("s%0" + str(n - 1) + "d") % i if n > 1 else chr(ord("a") + i % 26) * 1


ELEMS = {
    "int": lambda i: 1000 + i,
    "int32": lambda i: 1000 + i,
    "bool": lambda i: i % 2 == 0,
    "float64": lambda i: i + 0.5,
    "string5": lambda i: string(5, i),
    "struct_padded": lambda i: (i % 2 == 0, 1000 + i, i % 2 == 1),  # struct{a bool; b int64; c bool}
    "struct_named": lambda i: (1000 + i, string(5, i)),  # struct{n int; s string}
    "ptr_struct_padded": lambda i: (i % 2 == 0, 1000 + i, i % 2 == 1),
    "slice_int3": lambda i: exact_list(3, lambda j: 1000 + 3 * i + j),
}

print("# python", sys.version.split()[0], sys.implementation.cache_tag)
print("getsizeof.int", sys.getsizeof(1000))
print("getsizeof.bool", sys.getsizeof(True))
print("getsizeof.float", sys.getsizeof(0.5))
for n in (0, 1, 5, 100):
    print("getsizeof.str%d" % n, sys.getsizeof(string(n)))
for n in (0, 1, 10):
    print("getsizeof.list%d" % n, sys.getsizeof(exact_list(n, lambda i: None)))
    print("getsizeof.tuple%d" % n, sys.getsizeof(tuple(exact_list(n, lambda i: None))))
for name, f in ELEMS.items():
    print("value.%s" % name, deep(f(7)))
for n in (0, 100):
    print("value.string%d" % n, deep(string(n)))
print("value.slice_int10", deep(exact_list(10, lambda i: 1000 + i)))
print("value.array_int10", deep(exact_list(10, lambda i: 1000 + i)))
for name, f in ELEMS.items():
    for n in (0, 1, 2, 10, 1000):
        print("list.%s.%d" % (name, n), deep(exact_list(n, f)))
