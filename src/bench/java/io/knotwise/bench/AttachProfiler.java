package io.knotwise.bench;

import com.sun.tools.attach.VirtualMachine;

/**
 * Loads a native agent into a running JVM: {@code AttachProfiler PID LIBRARY OPTIONS}. bench/profile.sh uses it to
 * start and stop async-profiler in a warmed-up guide ({@code jcmd JVMTI.agent_load} splits options at '=').
 */
public final class AttachProfiler {

    private AttachProfiler() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: AttachProfiler PID LIBRARY OPTIONS");
            System.exit(2);
        }
        VirtualMachine vm = VirtualMachine.attach(args[0]);
        try {
            vm.loadAgentPath(args[1], args[2]);
        } finally {
            vm.detach();
        }
    }
}
