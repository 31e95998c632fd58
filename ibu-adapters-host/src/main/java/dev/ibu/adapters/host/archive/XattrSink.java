package dev.ibu.adapters.host.archive;

import java.nio.file.Path;

/** Receives the extended attributes (SELinux labels among them) that tar entries carry in PAX headers. */
@FunctionalInterface
public interface XattrSink {

    /** Drops them: fine where nothing reads labels (tests, hosts without SELinux). */
    XattrSink IGNORE = (file, name, value) -> { };

    void add(Path file, String name, String value);
}
