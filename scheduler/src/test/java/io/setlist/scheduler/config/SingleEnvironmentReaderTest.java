package io.setlist.scheduler.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Settings are read once, by {@link ConfigParser}, and passed down: no other main-code file of any module (nested
 * ones included) may read the environment, or a setting would escape validation, {@code setlist config} and the
 * README's table.
 */
public class SingleEnvironmentReaderTest {
    private static final Pattern GETENV = Pattern.compile("\\bgetenv\\b");
    private static final Path PARSER = Path.of("scheduler/src/main/java/io/setlist/scheduler/config/ConfigParser.java");

    @Test
    void onlyTheConfigParserReadsTheEnvironment() throws IOException {
        Path root = projectRoot();
        List<Path> sources = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                // Build output, dependencies and git's own files hold no sources of the project.
                return name.equals("target") || name.equals("node_modules") || (name.startsWith(".")
                        && !dir.equals(root)) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (file.toString().endsWith(".java")
                        && root.relativize(file).toString().replace('\\', '/').contains("src/main/java/")) {
                    sources.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        List<Path> readers = sources.stream().filter(SingleEnvironmentReaderTest::readsEnvironment)
                .map(root::relativize).toList();

        assertThat(sources).as("main sources of every module").hasSizeGreaterThan(100)
                .anySatisfy(p -> assertThat(p.toString()).contains("/recommender/src/main/java/"))
                .anySatisfy(p -> assertThat(p.toString()).contains("/infra/src/main/java/"))
                .anySatisfy(p -> assertThat(p.toString()).contains("/sql/src/main/java/"))
                .anySatisfy(p -> assertThat(p.toString()).as("nested modules too")
                        .contains("/scheduler/lab/src/main/java/"));
        assertThat(readers).as("main-code files that read the environment (only ConfigParser may: pass "
                + "settings down from Config instead)").containsExactly(PARSER);
    }

    private static boolean readsEnvironment(Path file) {
        try {
            return GETENV.matcher(Files.readString(file)).find();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The folder holding the root pom and the four modules; tests run in the module's folder. */
    public static Path projectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("recommender"))
                    && Files.isDirectory(dir.resolve("scheduler"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no project root above " + Path.of("").toAbsolutePath());
    }
}
