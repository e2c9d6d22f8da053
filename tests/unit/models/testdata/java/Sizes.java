// Measures the Java (HotSpot) footprints gofast's footprint model (src/models/footprint.cpp)
// reproduces, for the JVM it runs on (recorded: OpenJDK 17, 64-bit, compressed oops and class
// pointers, 8-byte object alignment: the defaults for heaps under 32 GiB). Run (see run.sh):
//   javac Agent.java Sizes.java && jar cfm agent.jar manifest.txt Agent.class
//   java -javaagent:agent.jar --add-opens java.base/java.lang=ALL-UNNAMED \
//        --add-opens java.base/java.util=ALL-UNNAMED -cp . Sizes > ../java_sizes.txt
// "deep" = the sum of getObjectSize over the distinct objects reachable through reference fields
// and Object[] elements (shared objects such as Boolean.TRUE count once). Values are distinct and
// outside the box caches (1000+i, i+0.5, strings "s%0Nd"), as the model assumes.
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.function.IntFunction;

public class Sizes {
    // Go struct{a bool; b int64; c bool}
    static final class Padded {
        boolean a;
        long b;
        boolean c;
        Padded(int i) { a = i % 2 == 0; b = 1000 + i; c = i % 2 == 1; }
    }

    // Go struct{n int; s string}
    static final class Named {
        long n;
        String s;
        Named(int i) { n = 1000 + i; s = str(5, i); }
    }

    // Layout probes: total sizes of classes with other field mixes.
    static final class F1 { int a; String s; boolean b; }
    static final class F2 { boolean a, b, c; }
    static final class F3 { long a; int b; short c; byte d; }
    static final class F4 { byte a; long b; byte c; long d; byte e; }
    static final class F5 { String a; String b; String c; }
    static final class F6 { double d; int i; String s; boolean b; char c; }
    static final class F0 { }

    static String str(int n, int i) {
        if (n == 0) return new String("");
        if (n == 1) return new String(String.valueOf((char) ('a' + i % 26)));
        return String.format("s%0" + (n - 1) + "d", i);
    }

    static long deep(Object root) throws Exception {
        IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>();
        ArrayDeque<Object> stack = new ArrayDeque<>();
        stack.push(root);
        long total = 0;
        while (!stack.isEmpty()) {
            Object o = stack.pop();
            if (seen.containsKey(o)) continue;
            seen.put(o, true);
            total += Agent.inst.getObjectSize(o);
            Class<?> c = o.getClass();
            if (c.isArray()) {
                if (!c.getComponentType().isPrimitive())
                    for (Object e : (Object[]) o) if (e != null) stack.push(e);
                continue;
            }
            for (; c != null; c = c.getSuperclass())
                for (Field f : c.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) continue;
                    f.setAccessible(true);
                    Object v = f.get(o);
                    if (v != null) stack.push(v);
                }
        }
        return total;
    }

    static <T> ArrayList<T> list(int n, IntFunction<T> f) {
        ArrayList<T> l = new ArrayList<>(n);  // presized: elementData has exactly n slots
        for (int i = 0; i < n; i++) l.add(f.apply(i));
        return l;
    }

    static Object[] refArray(int n, IntFunction<Object> f) {
        Object[] a = new Object[n];
        for (int i = 0; i < n; i++) a[i] = f.apply(i);
        return a;
    }

    static void p(String key, long v) { System.out.println(key + " " + v); }

    public static void main(String[] args) throws Exception {
        System.out.println("# java " + System.getProperty("java.vm.version") + " "
                + ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                        .filter(s -> s.startsWith("-XX")).reduce("", (a, b) -> a + " " + b).trim());
        com.sun.management.HotSpotDiagnosticMXBean hs =
                ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
        for (String flag : new String[] {"UseCompressedOops", "UseCompressedClassPointers", "ObjectAlignmentInBytes"})
            System.out.println("# " + flag + "=" + hs.getVMOption(flag).getValue());
        p("shallow.Object", Agent.inst.getObjectSize(new Object()));
        p("shallow.Long", Agent.inst.getObjectSize(Long.valueOf(1000)));
        p("shallow.Integer", Agent.inst.getObjectSize(Integer.valueOf(1000)));
        p("shallow.Double", Agent.inst.getObjectSize(Double.valueOf(0.5)));
        p("shallow.Boolean", Agent.inst.getObjectSize(Boolean.TRUE));
        p("shallow.String", Agent.inst.getObjectSize(str(5, 0)));
        p("shallow.ArrayList", Agent.inst.getObjectSize(new ArrayList<Object>(10)));
        for (int n : new int[] {0, 1, 3, 10}) {
            p("shallow.long[" + n + "]", Agent.inst.getObjectSize(new long[n]));
            p("shallow.int[" + n + "]", Agent.inst.getObjectSize(new int[n]));
            p("shallow.boolean[" + n + "]", Agent.inst.getObjectSize(new boolean[n]));
            p("shallow.Object[" + n + "]", Agent.inst.getObjectSize(new Object[n]));
        }
        p("shallow.F0", Agent.inst.getObjectSize(new F0()));
        p("shallow.F1", Agent.inst.getObjectSize(new F1()));
        p("shallow.F2", Agent.inst.getObjectSize(new F2()));
        p("shallow.F3", Agent.inst.getObjectSize(new F3()));
        p("shallow.F4", Agent.inst.getObjectSize(new F4()));
        p("shallow.F5", Agent.inst.getObjectSize(new F5()));
        p("shallow.F6", Agent.inst.getObjectSize(new F6()));
        p("shallow.Padded", Agent.inst.getObjectSize(new Padded(7)));
        p("shallow.Named", Agent.inst.getObjectSize(new Named(7)));

        // Standalone values (a primitive is its own size; objects are measured deep).
        p("value.int", 8);       // long
        p("value.int32", 4);     // int
        p("value.bool", 1);      // boolean
        p("value.float64", 8);   // double
        for (int n : new int[] {0, 1, 5, 100}) p("value.string" + n, deep(str(n, 7)));
        p("value.struct_padded", deep(new Padded(7)));
        p("value.struct_named", deep(new Named(7)));
        p("value.ptr_struct_padded", deep(new Padded(7)));
        p("value.slice_int10", deep(list(10, i -> Long.valueOf(1000 + i))));
        p("value.slice_int3", deep(list(3, i -> Long.valueOf(1000 + i))));
        p("value.array_int10", Agent.inst.getObjectSize(new long[10]));

        for (int n : new int[] {0, 1, 2, 10, 1000}) {
            // N values as an array: primitive arrays for primitive types, else references + objects.
            p("array.int." + n, Agent.inst.getObjectSize(new long[n]));
            p("array.int32." + n, Agent.inst.getObjectSize(new int[n]));
            p("array.bool." + n, Agent.inst.getObjectSize(new boolean[n]));
            p("array.float64." + n, Agent.inst.getObjectSize(new double[n]));
            p("array.string5." + n, deep(refArray(n, i -> str(5, i))));
            p("array.struct_padded." + n, deep(refArray(n, i -> new Padded(i))));
            p("array.struct_named." + n, deep(refArray(n, i -> new Named(i))));
            p("array.ptr_struct_padded." + n, deep(refArray(n, i -> new Padded(i))));
            final int nn = n;
            p("array.slice_int3." + n, deep(refArray(n, i -> list(3, j -> Long.valueOf(1000 + 3 * i + j)))));
            // N values as an ArrayList (presized): boxes for primitive types.
            p("list.int." + n, deep(list(n, i -> Long.valueOf(1000 + i))));
            p("list.int32." + n, deep(list(n, i -> Integer.valueOf(1000 + i))));
            p("list.bool." + n, deep(list(n, i -> Boolean.valueOf(i % 2 == 0))));
            p("list.float64." + n, deep(list(n, i -> Double.valueOf(i + 0.5))));
            p("list.string5." + n, deep(list(n, i -> str(5, i))));
            p("list.struct_padded." + n, deep(list(n, i -> new Padded(i))));
            p("list.struct_named." + n, deep(list(n, i -> new Named(i))));
            p("list.ptr_struct_padded." + n, deep(list(n, i -> new Padded(i))));
            p("list.slice_int3." + n, deep(list(n, i -> list(3, j -> Long.valueOf(1000 + 3 * i + j)))));
        }
    }
}
