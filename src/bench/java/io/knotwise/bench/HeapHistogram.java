package io.knotwise.bench;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Live bytes per class, as {@code jcmd PID GC.class_histogram} reports them (after a full GC), taken from inside
 * the JVM through the diagnostic command MBean. Immutable.
 */
record HeapHistogram(Map<String, Long> bytesByClass) {

    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+\\d+\\s+(\\d+)\\s+(\\S+)");

    HeapHistogram {
        bytesByClass = Map.copyOf(bytesByClass);
    }

    /** The live heap now, per class. */
    static HeapHistogram take() {
        String text;
        try {
            text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
        } catch (JMException e) {
            throw new IllegalStateException("cannot take a class histogram: " + e.getMessage(), e);
        }
        var bytes = new HashMap<String, Long>();
        for (String row : text.split("\n")) {
            Matcher m = ROW.matcher(row);
            if (m.find()) {
                bytes.merge(m.group(2), Long.parseLong(m.group(1)), Long::sum);
            }
        }
        return new HeapHistogram(bytes);
    }

    /** The bytes each class gained since an earlier histogram. */
    Map<String, Long> minus(HeapHistogram earlier) {
        var delta = new HashMap<String, Long>();
        bytesByClass.forEach((name, bytes) -> delta.put(name, bytes - earlier.bytesByClass.getOrDefault(name, 0L)));
        return delta;
    }
}
