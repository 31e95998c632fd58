package dev.ibu.ports.engine;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where the agent dies: a decorator around EVERY driven port of {@link EnginePorts} (a dynamic proxy per port
 * interface, found from the record's components, so a port added later is covered without touching this) that counts
 * the engine's calls once armed and kills the agent at the planned ones.
 *
 * <p>Modes: {@link Mode#BEFORE} throws {@link AgentKilled} before delegating (the call never happened);
 * {@link Mode#AFTER_EFFECT} delegates, then throws (the effect is done, the result lost); {@link Mode#POWER_LOSS} is
 * {@code AFTER_EFFECT} at the port, and the runner then also power-cycles the node (see the suite's javadoc for the
 * model of what a power loss drops).
 *
 * <p>The first kill fires at the {@code at}-th call after {@link #arm()}, each later one at the {@code at}-th call
 * after the previous kill (the fresh agent's start-up calls included). After every call that returns, the
 * {@code afterEachCall} check runs (the invariants), so a violation is caught at the call that made it.
 */
final class CrashPlan {
    enum Mode { BEFORE, AFTER_EFFECT, POWER_LOSS }

    record Kill(Mode mode, int at) {
        @Override
        public String toString() {
            return mode + "@" + at;
        }
    }

    private final List<Kill> kills;
    private final Runnable afterEachCall;
    private final boolean recordCalls;
    private final List<String> calls = new ArrayList<>();
    private final List<String> firedAt = new ArrayList<>();
    private boolean armed;
    private int count;
    private int sinceLastKill;

    private CrashPlan(List<Kill> kills, Runnable afterEachCall, boolean recordCalls) {
        this.kills = List.copyOf(kills);
        this.afterEachCall = afterEachCall;
        this.recordCalls = recordCalls;
    }

    /** No kill: the uninterrupted run, recording every call's name. */
    static CrashPlan uninterrupted(Runnable afterEachCall) {
        return new CrashPlan(List.of(), afterEachCall, true);
    }

    static CrashPlan killing(List<Kill> kills, Runnable afterEachCall) {
        return new CrashPlan(kills, afterEachCall, false);
    }

    /** From now on calls are counted and kills fire (the scenario's given state is built before). */
    void arm() {
        armed = true;
    }

    /** Calls made since {@link #arm()}. */
    int count() {
        return count;
    }

    /** The name of each call since {@link #arm()} (uninterrupted plans only), call 1 first. */
    List<String> calls() {
        return calls;
    }

    /** The calls at which a kill fired, in order. */
    List<String> firedAt() {
        return firedAt;
    }

    boolean allFired() {
        return firedAt.size() == kills.size();
    }

    /** Every port of {@code real}, each behind this plan. */
    EnginePorts wrap(EnginePorts real) {
        RecordComponent[] components = EnginePorts.class.getRecordComponents();
        Object[] wrapped = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                wrapped[i] = proxy(types[i], components[i].getAccessor().invoke(real));
            }
            return EnginePorts.class.getDeclaredConstructor(types).newInstance(wrapped);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot wrap the engine's ports", e);
        }
    }

    private Object proxy(Class<?> port, Object target) {
        InvocationHandler handler = (self, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return invoke(target, method, args);
            }
            return armed ? call(port, target, method, args) : invoke(target, method, args);
        };
        return Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, handler);
    }

    private Object call(Class<?> port, Object target, Method method, Object[] args) throws Throwable {
        count++;
        sinceLastKill++;
        String name = port.getSimpleName() + "." + method.getName() + "(" + describe(args) + ")";
        if (recordCalls) {
            calls.add(name);
        }
        Kill next = firedAt.size() < kills.size() ? kills.get(firedAt.size()) : null;
        if (next == null || next.at() != sinceLastKill) {
            Object result = invoke(target, method, args);
            afterEachCall.run();
            return result;
        }
        firedAt.add("call " + count + " " + name);
        sinceLastKill = 0;
        if (next.mode() != Mode.BEFORE) {
            invoke(target, method, args);  // the effect happens; its result dies with the agent
        }
        throw new AgentKilled(next.mode(), name);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static String describe(Object[] args) {
        if (args == null) {
            return "";
        }
        return Stream.of(args).map(a -> a instanceof String s ? (s.length() > 40 ? s.substring(0, 40) + "..." : s)
                : a == null ? "null" : a.getClass().getSimpleName()).collect(Collectors.joining(", "));
    }
}
