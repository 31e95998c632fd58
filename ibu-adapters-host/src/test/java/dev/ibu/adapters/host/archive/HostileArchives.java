package dev.ibu.adapters.host.archive;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/**
 * Crafted hostile seed archives (issue 11), each with the exact outcome the extractor must give. They are
 * a seed's {@code var.tgz}: unpacked with {@code onlyUnder("var")} into a stateroot directory that
 * {@code ostree admin os-init} made ({@link #osInitSkeleton}), under a budget of {@link #LIMITS}. The same
 * catalogue runs against the extractor alone (unit test) and through a real ostree stateroot setup (the
 * host lab's IT), where nothing outside the new stateroot may change.
 *
 * <p>Outcomes: refused with a message (and what was unpacked before the refusal), or the resulting tree
 * below {@code var}, described by {@link StaterootVarTree#describe} (links are never followed).
 */
public final class HostileArchives {

    /** 100 MiB and 1000 entries: what the bombs are measured against. */
    public static final ExtractionLimits LIMITS = new ExtractionLimits(100L << 20, 1000);

    /** One hostile archive: the uncompressed tar (streamed: some are hundreds of MiB) and its exact outcome. */
    public record Case(String id, String what, Supplier<InputStream> tar, Optional<String> refusal, List<String> tree) {
        @Override
        public String toString() {
            return id;
        }

        /** The tar gzip-compressed into {@code file} (as a seed carries var.tgz). */
        public void writeTgz(Path file) {
            try (InputStream in = tar.get(); OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16)) {
                in.transferTo(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

    }

    private HostileArchives() {
    }

    private static Supplier<InputStream> bytes(Supplier<byte[]> b) {
        return () -> new ByteArrayInputStream(b.get());
    }

    private static Supplier<InputStream> fixture(java.util.function.Consumer<TarFixture> build) {
        return () -> {
            TarFixture t = new TarFixture();
            build.accept(t);
            return t.stream();
        };
    }

    private static Case refused(String id, String what, Supplier<InputStream> tar, String message, String... partial) {
        return new Case(id, what, tar, Optional.of(message), StaterootVarTree.tree(partial));
    }

    private static Case extracted(String id, String what, Supplier<InputStream> tar, String... lines) {
        return new Case(id, what, tar, Optional.empty(), StaterootVarTree.tree(lines));
    }

    private static String through(String entry, String link) {
        return "archive entry \"" + entry + "\" would be written through the symlink \"" + link
            + "\"; rebuild the archive so no entry lies below a symlink";
    }

    private static String reserved(String entry) {
        return "archive entry \"" + entry + "\" is in var/lib/lca, the agent's own directory, which a seed never holds "
            + "(lca-cli leaves /var/lib/lca out); rebuild the seed image without it";
    }

    private static String dotdot(String entry) {
        return "archive entry \"" + entry + "\" contains \"..\"; rebuild the archive without parent-directory references";
    }

    private static String replacesDir(String entry) {
        return "archive entry \"" + entry + "\" would replace a directory with a non-directory; rebuild the archive";
    }

    private static String notEarlier(String entry, String target) {
        return "hard link \"" + entry + "\" -> \"" + target
            + "\" does not name a file unpacked earlier from this archive; rebuild the archive";
    }

    private static String hardOut(String entry, String target) {
        return "hard link \"" + entry + "\" -> \"" + target
            + "\" points outside the extraction directory; remove it from the archive";
    }

    private static String symOut(String entry, String target) {
        return "symlink \"" + entry + "\" -> \"" + target + "\" points outside the extraction directory; remove it from the archive";
    }

    private static String device(String entry) {
        return "archive entry \"" + entry + "\" is a device file or FIFO; seed archives may hold only files, directories and links";
    }

    private static String declares(String entry, long size) {
        return "archive exceeds the size limit of " + LIMITS.maxBytes() + " bytes at entry \"" + entry + "\", which declares "
            + size + " bytes; raise the size limit or use a smaller seed image";
    }

    private static final String F = "f0644 n1 'x'";

    /** Every case; {@code canary} is an absolute directory outside the stateroot that must stay untouched. */
    public static List<Case> all(String canary) {
        return all(canary, 0);
    }

    /**
     * As {@link #all(String)} when {@code entriesAhead} entries were charged to the same budget before this
     * archive (a seed's ostree.tgz comes before its var.tgz): only the entry-count case's outcome moves.
     */
    public static List<Case> all(String canary, int entriesAhead) {
        int fit = (int) LIMITS.maxEntries() - entriesAhead;
        String deep = "var/" + "d/".repeat(2000) + "f";
        String longName = "var/" + "n".repeat(5000);
        String longComponent = "var/" + "c".repeat(300);
        String longTarget = "/" + "t".repeat(5000);
        String gnuLongTarget = "/usr/share/" + "z".repeat(180);
        return List.of(
            // traversal and absolute names
            refused("dotdot-out", "a file named var/../../evil", fixture(t -> t.file("var/../../evil", "x")),
                dotdot("var/../../evil")),
            refused("dotdot-inside", "a \"..\" that would stay inside is refused all the same",
                fixture(t -> t.file("var/a/../b", "x")), dotdot("var/a/../b")),
            refused("absolute-name", "/etc/passwd", fixture(t -> t.file("/etc/passwd", "root::0:0")),
                "archive entry \"/etc/passwd\" has an absolute path; rebuild the archive with paths relative to its root (tar -C DIR .)"),
            refused("absolute-into-canary", "an absolute name in the canary directory",
                fixture(t -> t.file(canary + "/pwned", "x")), "archive entry \"" + canary
                    + "/pwned\" has an absolute path; rebuild the archive with paths relative to its root (tar -C DIR .)"),
            refused("beside-var", "a var.tgz entry outside var/ (the stateroot's deploy/ dir)",
                fixture(t -> t.file("deploy/x.origin", "[origin]")), "archive entry \"deploy/x.origin\" is not under var/, "
                    + "the only directory this archive may fill; rebuild the seed image"),
            extracted("dot-slash", "./var/ok is var/ok", fixture(t -> t.file("./var/ok", "x")), "var/ok " + F),
            // symlinks
            extracted("absolute-link-kept", "an absolute symlink is data (etc/localtime in real seeds)",
                fixture(t -> t.symlink("var/localtime", "/usr/share/zoneinfo/UTC")), "var/localtime -> /usr/share/zoneinfo/UTC"),
            refused("link-then-write-through", "a link to the canary, then a file below it",
                fixture(t -> t.symlink("var/out", canary).file("var/out/pwned", "x")), through("var/out/pwned", "var/out"),
                "var/out -> " + canary),
            refused("relative-link-out", "a relative link climbing out of the stateroot",
                fixture(t -> t.symlink("var/up", "../../../etc")), symOut("var/up", "../../../etc")),
            refused("chained-links-write-through", "two links fine as text, chained out, then a file below the chain",
                fixture(t -> t.dir("var/a/b", 0755).symlink("var/a/b/up", "../..").symlink("var/hop", "a/b/up/../..")
                    .file("var/hop/pwned", "x")), through("var/hop/pwned", "var/hop"),
                "var/a/ d0755", "var/a/b/ d0755", "var/a/b/up -> ../..", "var/hop -> a/b/up/../.."),
            refused("link-then-dir-below", "a link to the canary, then a directory below it",
                fixture(t -> t.symlink("var/out", canary).dir("var/out/lca", 0700)), through("var/out/lca/", "var/out"),
                "var/out -> " + canary),
            refused("link-over-existing-dir", "a link in place of os-init's var/lib",
                fixture(t -> t.symlink("var/lib", canary)), replacesDir("var/lib")),
            refused("through-os-init-link", "a file below os-init's own var/run -> ../run",
                fixture(t -> t.file("var/run/pwned", "x")), through("var/run/pwned", "var/run")),
            extracted("link-then-dir", "a link, then a directory of the same name: the link is replaced",
                fixture(t -> t.symlink("var/x", canary).dir("var/x", 0755).file("var/x/f", "x")), "var/x/ d0755", "var/x/f " + F),
            extracted("link-then-file", "a link to the canary's file, then a file of the same name: replaced, not written through",
                fixture(t -> t.symlink("var/x", canary + "/victim").file("var/x", "mine")), "var/x f0644 n1 'mine'"),
            refused("link-to-link-out", "var/l1 -> l2 -> canary, then a file below l1",
                fixture(t -> t.symlink("var/l1", "l2").symlink("var/l2", canary).file("var/l1/f", "x")),
                through("var/l1/f", "var/l1"), "var/l1 -> l2", "var/l2 -> " + canary),
            refused("agent-dir-linked-out", "var/lib/lca (where the agent writes) -> canary: a seed never holds var/lib/lca",
                fixture(t -> t.symlink("var/lib/lca", canary)), reserved("var/lib/lca")),
            refused("agent-dir-chained-to-sysroot", "var/lib/lca -> up/../../.. with up -> ..: text says inside, "
                    + "disk says sysroot/ostree", fixture(t -> t.symlink("var/lib/up", "..").symlink("var/lib/lca", "up/../../..")),
                reserved("var/lib/lca"), "var/lib/up -> .."),
            refused("agent-file-planted", "a file in var/lib/lca (an IBU the agent would read back)",
                fixture(t -> t.dir("var/lib/lca", 0700).file("var/lib/lca/ibu.json", "{}")), reserved("var/lib/lca/")),
            refused("agent-dir-hardlinked", "a hard link into var/lib/lca", fixture(t -> t.file("var/a", "x")
                .hardlink("var/lib/lca", "var/a")), reserved("var/lib/lca"), "var/a " + F),
            refused("work-dir-link-planted", "var/tmp/ibu-auth -> canary (where the agent writes the pull secret after "
                + "the pivot)", fixture(t -> t.dir("var/tmp", 01777).symlink("var/tmp/ibu-auth", canary)),
                "archive entry \"var/tmp/ibu-auth\" is in var/tmp, where the agent keeps its work files; a seed holds the "
                    + "empty directory only (lca-cli leaves /var/tmp/* out); rebuild the seed image without it"),
            // hard links
            refused("hardlink-absolute", "a hard link to /etc/shadow", fixture(t -> t.hardlink("var/shadow", "/etc/shadow")),
                hardOut("var/shadow", "/etc/shadow")),
            refused("hardlink-relative-out", "a hard link to ../../etc/shadow",
                fixture(t -> t.hardlink("var/shadow", "../../etc/shadow")), hardOut("var/shadow", "../../etc/shadow")),
            refused("hardlink-beside-var", "a hard link to a stateroot file outside var/",
                fixture(t -> t.hardlink("var/h", "deploy/x.origin")), hardOut("var/h", "deploy/x.origin")),
            refused("hardlink-to-existing-dir", "a hard link to os-init's var/lib (not from this archive, a directory)",
                fixture(t -> t.hardlink("var/h", "var/lib")), notEarlier("var/h", "var/lib")),
            refused("hardlink-before-target", "a hard link to a file that comes later",
                fixture(t -> t.hardlink("var/h", "var/later").file("var/later", "x")), notEarlier("var/h", "var/later")),
            refused("hardlink-through-link", "a hard link to canary/victim through a link this archive made",
                fixture(t -> t.symlink("var/d", canary).hardlink("var/h", "var/d/victim")), notEarlier("var/h", "var/d/victim"),
                "var/d -> " + canary),
            extracted("hardlink-to-symlink", "a hard link to a symlink: a second link, nothing followed",
                fixture(t -> t.symlink("var/l", canary + "/victim").hardlink("var/h", "var/l")),
                "var/h -> " + canary + "/victim", "var/l -> " + canary + "/victim"),
            extracted("hardlink-inside", "a hard link to a file unpacked earlier",
                fixture(t -> t.file("var/a", "x").hardlink("var/b", "var/a")), "var/a f0644 n2 'x'", "var/b f0644 n2 'x'"),
            // special files and mode bits
            refused("char-device", "a character device", fixture(t -> t.device("var/null")), device("var/null")),
            refused("block-device", "a block device", bytes(() -> new RawTar().header(new RawTar.Header("var/sda", '4')).finish()),
                device("var/sda")),
            refused("fifo", "a FIFO", bytes(() -> new RawTar().header(new RawTar.Header("var/fifo", '6')).finish()),
                device("var/fifo")),
            extracted("setuid-setgid-sticky", "special mode bits are an OS image's own: kept exactly; type bits masked",
                fixture(t -> t.file("var/su", "x", 04755).file("var/sg", "x", 02755).dir("var/st", 01777)
                    .file("var/hi", "x", 0170644)),
                "var/hi " + F, "var/sg f2755 n1 'x'", "var/st/ d1777", "var/su f4755 n1 'x'"),
            // bombs
            refused("sparse-bomb", "an old-GNU sparse entry: 1 KiB stored, 1 GiB expanded", bytes(() -> {
                RawTar.Header h = new RawTar.Header("var/sparse", 'S');
                h.gnu = true;
                h.size = 1024;
                h.sparse = new long[][] {{0, 512}, {(1L << 30) - 512, 512}};
                h.realSize = 1L << 30;
                return new RawTar().header(h).data(new byte[1024]).finish();
            }), declares("var/sparse", 1L << 30)),
            refused("sparse-lying-size", "an old-GNU sparse entry declaring 1 KiB whose map reaches 1 GiB (the reader refuses)", bytes(() -> {
                RawTar.Header h = new RawTar.Header("var/liar", 'S');
                h.gnu = true;
                h.size = 1024;
                h.sparse = new long[][] {{0, 512}, {(1L << 30) - 512, 512}};
                h.realSize = 1024;
                return new RawTar().header(h).data(new byte[1024]).finish();
            }), "archive is corrupt at its first entry (Corrupted TAR archive. Sparse block extends beyond real size of the "
                + "entry); rebuild the archive"),
            refused("pax-sparse-bomb", "a PAX 0.1 sparse entry: 512 bytes stored, 1 GiB expanded", bytes(() -> new RawTar()
                .pax('x', RawTar.records("GNU.sparse.size", String.valueOf(1L << 30), "GNU.sparse.numblocks", "1",
                    "GNU.sparse.map", (1L << 30) - 512 + ",512", "GNU.sparse.name", "var/pax-sparse"))
                .file("var/GNUSparseFile.0/pax-sparse", "y".repeat(512)).finish()), declares("var/pax-sparse", 1L << 30)),
            refused("zero-bomb", "one 200 MiB file of zeros (about 200 KiB as gzip)", RawTar.zeroFiles(200L << 20, "var/zeros"),
                declares("var/zeros", 200L << 20)),
            refused("zero-bomb-many", "three 40 MiB files of zeros: the third crosses 100 MiB",
                RawTar.zeroFiles(40L << 20, "var/z1", "var/z2", "var/z3"), declares("var/z3", 40L << 20),
                "var/z1 f0644 n1 <41943040 bytes>", "var/z2 f0644 n1 <41943040 bytes>"),
            refused("entry-count", "more entries than the limit", fixture(t -> {
                for (int i = 0; i < 1001; i++) {
                    t.dir("var/lib/d" + i, 0755);
                }
            }), "archive has more than 1000 entries (reached at entry \"var/lib/d" + fit + "/\"); raise the entry limit or use "
                + "a smaller seed image", java.util.stream.IntStream.range(0, fit).mapToObj(i -> "var/lib/d" + i + "/ d0755")
                .toArray(String[]::new)),
            // long and deep
            refused("deep-path", "a file 2000 directories deep", fixture(t -> t.file(deep, "x")), "archive entry \""
                + deep.substring(0, 160) + "...\" (" + deep.length() + " characters) is nested deeper than 128 directories; "
                + "rebuild the archive with a flatter tree"),
            refused("long-name", "a 5004-byte name", fixture(t -> t.file(longName, "x")), "archive entry \""
                + longName.substring(0, 160) + "...\" (5004 characters) has a name longer than 4096 bytes (PATH_MAX); rebuild "
                + "the archive with shorter paths"),
            refused("long-component", "a 300-byte component", fixture(t -> t.file(longComponent, "x")), "archive entry \""
                + longComponent.substring(0, 160) + "...\" (304 characters) has a component longer than 255 bytes (NAME_MAX); "
                + "rebuild the archive with shorter names"),
            refused("long-link-target", "a symlink with a 5001-byte target", fixture(t -> t.symlink("var/l", longTarget)),
                "symlink \"var/l\" has a target longer than 4096 bytes (PATH_MAX); remove it from the archive"),
            // duplicates
            extracted("file-then-dir", "a file, then a directory of the same name with a child",
                fixture(t -> t.file("var/x", "x").dir("var/x", 0750).file("var/x/f", "x")), "var/x/ d0750", "var/x/f " + F),
            refused("dir-then-file", "a directory, then a file of the same name",
                fixture(t -> t.dir("var/x", 0755).file("var/x", "x")), replacesDir("var/x"), "var/x/ d0755"),
            refused("dir-then-link", "a directory, then a link of the same name to the canary",
                fixture(t -> t.dir("var/x", 0755).symlink("var/x", canary)), replacesDir("var/x"), "var/x/ d0755"),
            extracted("file-twice", "the same file twice: the later one wins",
                fixture(t -> t.file("var/f", "first").file("var/f", "second", 0600)), "var/f f0600 n1 'second'"),
            refused("file-link-file-through", "a file, a link replacing it, a file below the link",
                fixture(t -> t.file("var/f", "x").symlink("var/f", canary).file("var/f/x", "x")), through("var/f/x", "var/f"),
                "var/f -> " + canary),
            // PAX and GNU header tricks
            refused("pax-path-traversal", "an innocent ustar name overridden by a PAX path with \"..\"",
                bytes(() -> new RawTar().pax('x', RawTar.records("path", "var/../../pwned")).file("var/innocent", "x").finish()),
                dotdot("var/../../pwned")),
            extracted("pax-path-wins", "a hostile ustar name is not used when a PAX path is given",
                bytes(() -> new RawTar().pax('x', RawTar.records("path", "var/pax-name")).file("../../ustar-name", "x").finish()),
                "var/pax-name " + F),
            refused("pax-linkpath-out", "a symlink whose PAX linkpath climbs out",
                bytes(() -> {
                    RawTar.Header h = new RawTar.Header("var/l", '2');
                    h.linkName = "ok";
                    return new RawTar().pax('x', RawTar.records("linkpath", "../../../../etc")).header(h).finish();
                }), symOut("var/l", "../../../../etc")),
            refused("pax-size-huge", "a PAX size record of 2^62 bytes", bytes(() -> new RawTar()
                .pax('x', RawTar.records("size", String.valueOf(1L << 62))).file("var/f", "").finish()),
                declares("var/f", 1L << 62)),
            refused("gnu-longname-traversal", "a GNU long name (././@LongLink) with \"..\"",
                bytes(() -> new RawTar().gnuLong('L', "var/" + "x".repeat(100) + "/../../../pwned")
                    .file("var/short", "x").finish()), dotdot("var/" + "x".repeat(100) + "/../../../pwned")),
            extracted("gnu-longlink-absolute", "a GNU long link target (absolute): kept as data",
                bytes(() -> {
                    RawTar.Header h = new RawTar.Header("var/zone", '2');
                    h.gnu = true;
                    return new RawTar().gnuLong('K', gnuLongTarget).header(h).finish();
                }), "var/zone -> " + gnuLongTarget),
            refused("global-pax-path", "a global PAX header renaming every later entry to ../../g",
                bytes(() -> new RawTar().pax('g', RawTar.records("path", "../../g")).file("var/a", "x").finish()),
                dotdot("../../g")),
            refused("negative-size", "a size field of -1 in base-256", bytes(() -> {
                RawTar.Header h = new RawTar.Header("var/neg", '0');
                h.rawSize = new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
                    (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};
                return new RawTar().header(h).finish();
            }), "archive is corrupt at its first entry (broken archive, entry with negative size); rebuild the archive"),
            refused("huge-size", "a base-256 size of 2^62 bytes", bytes(() -> {
                RawTar.Header h = new RawTar.Header("var/huge", '0');
                h.rawSize = new byte[12];
                h.rawSize[0] = (byte) 0x80;
                h.rawSize[4] = (byte) 0x40;
                return new RawTar().header(h).finish();
            }), declares("var/huge", 1L << 62)),
            refused("bad-checksum", "a header whose checksum is off by one",
                bytes(() -> {
                    RawTar.Header h = new RawTar.Header("var/bad", '0');
                    h.checksumDelta = 1;
                    return new RawTar().file("var/good", "x").header(h).finish();
                }), "archive entry \"var/bad\" has a wrong header checksum: the archive is corrupt or was altered; rebuild the "
                + "archive", "var/good " + F),
            refused("garbage-octal-size", "a size field that is not a number", bytes(() -> {
                RawTar.Header h = new RawTar.Header("var/junk", '0');
                h.rawSize = "12x4567y901 ".getBytes(StandardCharsets.US_ASCII);
                return new RawTar().header(h).finish();
            }), "archive is corrupt at its first entry (Corrupted TAR archive.); rebuild the archive"),
            refused("truncated", "an entry that declares more data than the archive holds", bytes(() -> {
                RawTar.Header h = new RawTar.Header("var/cut", '0');
                h.size = 4096;
                byte[] whole = new RawTar().header(h).data(new byte[512]).finish();
                return java.util.Arrays.copyOf(whole, 1024);
            }), "archive is truncated or corrupt in entry \"var/cut\" (Truncated TAR archive); rebuild the archive",
                "var/cut f0644 n1 <512 bytes>"));
    }
}
