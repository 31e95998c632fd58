package dev.ibu.domain.archfixtures;

import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.concurrent.ConcurrentHashMap;

/** Deliberately impure classes: each breaks exactly one domain purity rule, so each rule is shown to bite. */
public final class DomainViolations {
    private DomainViolations() {
    }

    /** Reads a file. */
    public static final class UsesIo {
        public boolean exists() {
            return new File("/var/lib/lca/ibu.json").exists();
        }
    }

    public static final class UsesNio {
        public Path path() {
            return Path.of("/ostree/deploy");
        }
    }

    public static final class UsesNet {
        public URI uri() {
            return URI.create("https://quay.io");
        }
    }

    public static final class ReadsTheClockWithInstantNow {
        public Instant now() {
            return Instant.now();
        }
    }

    public static final class ReadsTheClockWithCurrentTimeMillis {
        public long now() {
            return System.currentTimeMillis();
        }
    }

    public static final class ReadsTheSystemClock {
        public Clock clock() {
            return Clock.systemUTC();
        }
    }

    public static final class ReadsLocalDateTimeNow {
        public LocalDateTime now() {
            return LocalDateTime.now();
        }
    }

    public static final class StartsAThread {
        public void run() {
            new Thread(() -> { }).start();
        }
    }

    public static final class UsesConcurrency {
        public Object map() {
            return new ConcurrentHashMap<String, String>();
        }
    }

    public static final class LogsWithJul {
        public void log() {
            java.util.logging.Logger.getLogger("x").info("hello");
        }
    }

    public static final class PrintsToStdout {
        public void print() {
            System.out.println("hello");
        }
    }

    public static final class PrintsToStderr {
        public void print() {
            System.err.println("hello");
        }
    }

    /** Depends on a library that is neither the JDK nor vavr (AssertJ is on the test class path). */
    public static final class UsesAThirdPartyLibrary {
        public Object assertion() {
            return org.assertj.core.api.Assertions.assertThat(1);
        }
    }

    /** Pure: JDK values and vavr only; must pass every rule. */
    public static final class Pure {
        public io.vavr.collection.List<Instant> plusOne(Instant now) {
            return io.vavr.collection.List.of(now.plusSeconds(1));
        }
    }
}
