package io.setlist.lab;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every main-code package of every module has a {@code package-info.java} whose javadoc states its role. It runs in
 * the laboratory because that module's tests run last and from a known place (scheduler/lab) in the repository.
 */
class EveryPackageSaysItsRoleTest {
    @Test
    void everyPackageHasAPackageInfoWithAJavadoc() throws IOException {
        Path repository = Path.of("../..").toAbsolutePath().normalize();
        List<Path> sourceRoots = new ArrayList<>();
        try (Stream<Path> dirs = Files.walk(repository, 6)) {
            dirs.filter(d -> d.endsWith(Path.of("src", "main", "java")) && !d.toString().contains("/target/"))
                    .forEach(sourceRoots::add);
        }
        assertThat(sourceRoots).hasSizeGreaterThanOrEqualTo(5);
        List<String> missing = new ArrayList<>();
        int packages = 0;
        for (Path root : sourceRoots) {
            try (Stream<Path> dirs = Files.walk(root)) {
                for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                    boolean hasCode;
                    try (Stream<Path> files = Files.list(dir)) {
                        hasCode = files.anyMatch(f -> f.toString().endsWith(".java")
                                && !f.getFileName().toString().equals("package-info.java"));
                    }
                    if (!hasCode) {
                        continue;
                    }
                    packages++;
                    Path info = dir.resolve("package-info.java");
                    if (!Files.isRegularFile(info) || !Files.readString(info).trim().startsWith("/**")) {
                        missing.add(repository.relativize(dir).toString());
                    }
                }
            }
        }
        assertThat(packages).isGreaterThan(30);
        assertThat(missing).as("packages without a package-info.java stating their role").isEmpty();
    }
}
