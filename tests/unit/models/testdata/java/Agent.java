// The instrumentation agent Sizes uses: Instrumentation.getObjectSize is HotSpot's own object size
// (header, fields, padding to the object alignment), the same number JOL's VM.current().sizeOf prints.
import java.lang.instrument.Instrumentation;

public class Agent {
    static Instrumentation inst;

    public static void premain(String args, Instrumentation i) {
        inst = i;
    }
}
