package dev.tgdl.cli;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ctrl-C (SIGINT) and SIGTERM during a run: the first asks the run to stop cleanly (in-flight
 * downloads cancelled, partial data kept, stats printed, exit 130); a second one exits at once.
 * Uses the JDK's {@code sun.misc.Signal} (module jdk.unsupported) through reflection, since javac
 * warns about it in a way no annotation silences; where it is missing, a shutdown hook does the
 * first part.
 */
final class Interrupts implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Interrupts.class);
    private static final int FORCED_EXIT = 130;

    private final List<Runnable> restore = new ArrayList<>();
    private final AtomicInteger count = new AtomicInteger();

    private Interrupts() {
    }

    /** Calls {@code stop} on the first interrupt; halts the JVM on the second. */
    static Interrupts install(Runnable stop) {
        Interrupts interrupts = new Interrupts();
        Runnable onSignal = () -> {
            if (interrupts.count.incrementAndGet() == 1) {
                stop.run();
            } else {
                Runtime.getRuntime().halt(FORCED_EXIT);
            }
        };
        boolean installed = false;
        for (String signal : List.of("INT", "TERM")) {
            installed |= interrupts.handle(signal, onSignal);
        }
        if (!installed) {
            Thread hook = Thread.ofPlatform().unstarted(stop);
            Runtime.getRuntime().addShutdownHook(hook);
            interrupts.restore.add(() -> {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // already shutting down
                }
            });
        }
        return interrupts;
    }

    /** Whether an interrupt arrived. */
    boolean interrupted() {
        return count.get() > 0;
    }

    private boolean handle(String name, Runnable action) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object signal = signalClass.getConstructor(String.class).newInstance(name);
            Object handler = Proxy.newProxyInstance(handlerClass.getClassLoader(), new Class<?>[] {handlerClass},
                    (proxy, method, args) -> {
                        if (method.getName().equals("handle")) {
                            action.run();
                        }
                        return null;
                    });
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            Object previous = handle.invoke(null, signal, handler);
            restore.add(() -> {
                try {
                    handle.invoke(null, signal, previous);
                } catch (ReflectiveOperationException e) {
                    LOG.debug("cannot restore the {} handler", name, e);
                }
            });
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.debug("cannot handle SIG{}", name, e);
            return false;
        }
    }

    @Override
    public void close() {
        restore.forEach(Runnable::run);
    }
}
