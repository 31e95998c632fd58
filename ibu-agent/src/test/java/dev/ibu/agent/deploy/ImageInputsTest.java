package dev.ibu.agent.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The image's inputs are pinned and usable before build.sh runs: every package of packages.lock has an exact
 * version and sha256 (no placeholder left by a half-done --update-lock), the image gets what the JRE links and what
 * gather runs, the JVM options are plain options, and the scripts are POSIX sh.
 */
class ImageInputsTest {
    private static final Path IMAGE = Path.of("image");

    private record Pin(String role, String name, String version, String sha256, List<String> paths) {
    }

    private static Map<String, Pin> pins() throws Exception {
        return Files.readAllLines(IMAGE.resolve("packages.lock")).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).map(l -> {
                    String[] f = l.split("\\s+");
                    assertThat(f.length).as("packages.lock: '" + l + "' needs ROLE PACKAGE VERSION SHA256 [PATH...]")
                            .isGreaterThanOrEqualTo(4);
                    return new Pin(f[0], f[1], f[2], f[3], List.of(f).subList(4, f.length));
                }).collect(Collectors.toMap(Pin::name, Function.identity()));
    }

    @Test
    void every_package_is_pinned_to_a_version_and_a_sha256() throws Exception {
        for (Pin p : pins().values()) {
            assertThat(p.role()).as(p.name() + ": role").isIn("image", "build");
            assertThat(p.version()).as(p.name() + ": version (re-pin with build.sh --update-lock)")
                    .isNotEqualTo("-").matches("[0-9][A-Za-z0-9.+~:-]*");
            assertThat(p.sha256()).as(p.name() + ": sha256").matches("[0-9a-f]{64}");
            p.paths().forEach(path -> assertThat(path).as(p.name() + ": paths are as in the .deb").startsWith("./"));
        }
    }

    @Test
    void the_image_gets_the_c_library_what_the_jre_links_a_shell_and_gathers_tools_and_the_build_gets_a_jdk()
            throws Exception {
        Map<String, Pin> pins = pins();
        for (String pkg : List.of("libc6", "libgcc-s1", "libstdc++6", "zlib1g", "dash", "coreutils", "tar", "gzip")) {
            assertThat(pins).as("packages.lock pins " + pkg + " for the image").containsKey(pkg);
            assertThat(pins.get(pkg).role()).isEqualTo("image");
        }
        assertThat(pins.get("openjdk-17-jdk-headless").role()).as("jlink, jdeps and the jmods").isEqualTo("build");
        assertThat(pins.get("util-linux").paths()).as("only nsenter of util-linux").containsExactly("./usr/bin/nsenter");
    }

    @Test
    void jvm_options_are_plain_options_with_a_bounded_heap() throws Exception {
        JvmOptions jvm = JvmOptions.read();
        jvm.options().forEach(o -> assertThat(o).as("one option a line, no quoting").startsWith("-")
                .doesNotContain(" ", "\"", "'", "\\"));
        assertThat(jvm.bytes("-Xmx")).isPresent();
        assertThat(jvm.ceiling()).isPositive();
    }

    @Test
    void the_scripts_are_posix_sh_with_no_tool_the_image_lacks() throws Exception {
        for (String script : List.of("gather", "gather-host")) {
            Path file = IMAGE.resolve("rootfs/usr/bin").resolve(script);
            List<String> lines = Files.readAllLines(file);
            assertThat(lines.get(0)).as(script + ": the image's shell is dash").isEqualTo("#!/bin/sh");
            String code = lines.stream().map(l -> l.replaceAll("^\\s*#.*", "")).collect(Collectors.joining("\n"));
            for (String tool : List.of("sed", "grep", "awk", "jq", "bash", "find", "xargs")) {
                assertThat(code).as(script + " calls " + tool + ", which the image does not have")
                        .doesNotContainPattern("(^|[|;&(`$]\\s*|\\s)" + tool + "\\s");
            }
        }
    }
}
