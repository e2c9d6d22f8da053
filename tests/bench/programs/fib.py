# SPEC P1: the same program as fib.go, for CPython 3.
import sys


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


print(fib(32), file=sys.stderr)
