package dev.asyncio4j.build;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jetbrains.kotlin.abi.tools.AbiFilters;
import org.jetbrains.kotlin.abi.tools.AbiTools;

/**
 * The public-API guard (build only, never shipped): dumps the public surface of each library module in the format of
 * kotlinx's binary-compatibility-validator (Kotlin's abi-tools, which reads Kotlin metadata, so Kotlin
 * {@code internal} declarations stay out although they are public in bytecode) and compares it with the checked-in
 * {@code <module>/api/<artifactId>.api}.
 *
 * <p>Only packages the module exports to everyone (its {@code module-info}) are dumped: {@code dev.asyncio4j.spi},
 * {@code dev.asyncio4j.internal} and {@code dev.asyncio4j.kotlin.internal} are not API.
 *
 * <p>Arguments: {@code check} or {@code update}, a scratch directory for the fresh dumps, then one
 * {@code moduleDir=artifactId} per library module.
 */
public final class ApiDump {
    /** The command that rewrites the dumps, printed when they differ. */
    static final String UPDATE_COMMAND = "mvn -B -ntp -q -Papi-dump clean package -pl api-check -am -DskipTests";

    private ApiDump() {}

    /**
     * Checks or rewrites the dumps.
     *
     * @param args {@code check|update scratchDir moduleDir=artifactId...}
     * @throws IOException when a file cannot be read or written
     * @throws IllegalStateException when a dump differs from the checked-in one (check mode)
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 3 || !(args[0].equals("check") || args[0].equals("update"))) {
            throw new IllegalArgumentException("usage: ApiDump check|update scratchDir moduleDir=artifactId...");
        }
        boolean update = args[0].equals("update");
        Path scratch = Path.of(args[1]);
        AbiTools tools = AbiTools.Companion.getInstance(ApiDump.class.getClassLoader());
        List<String> failures = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            String[] pair = args[i].split("=", 2);
            Path moduleDir = Path.of(pair[0]).toAbsolutePath().normalize();
            String artifactId = pair[1];
            Path classes = moduleDir.resolve("target/classes");
            StringBuilder dump = new StringBuilder();
            tools.printJvmDump(dump, exportedClassFiles(classes), AbiFilters.Companion.getEMPTY());
            Path expected = moduleDir.resolve("api").resolve(artifactId + ".api");
            if (update) {
                Files.createDirectories(expected.getParent());
                Files.writeString(expected, dump, StandardCharsets.UTF_8);
                System.out.println("[api-dump] wrote " + expected);
                continue;
            }
            Path actual = scratch.resolve(artifactId + ".api");
            Files.createDirectories(scratch);
            Files.writeString(actual, dump, StandardCharsets.UTF_8);
            if (!Files.exists(expected)) {
                failures.add(artifactId + ": no checked-in dump at " + expected);
            } else if (!Files.readString(expected, StandardCharsets.UTF_8).equals(dump.toString())) {
                failures.add(artifactId + ": the public API differs from " + expected + "\n"
                        + tools.filesDiff(expected.toFile(), actual.toFile()));
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(String.join("\n", failures)
                    + "\nIf the change is on purpose, regenerate the dumps with\n    " + UPDATE_COMMAND
                    + "\nand commit the api/*.api files with the change.");
        }
    }

    /** The class files of the packages that the module in {@code classes} exports to everyone. */
    private static List<File> exportedClassFiles(Path classes) throws IOException {
        Path descriptor = classes.resolve("module-info.class");
        if (!Files.exists(descriptor)) {
            throw new IllegalStateException("no module-info.class in " + classes + ": build the module first");
        }
        Set<String> exported;
        try (InputStream in = Files.newInputStream(descriptor)) {
            exported = ModuleDescriptor.read(in).exports().stream()
                    .filter(e -> !e.isQualified())
                    .map(ModuleDescriptor.Exports::source)
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        try (Stream<Path> files = Files.walk(classes)) {
            return files.filter(f -> f.toString().endsWith(".class"))
                    .filter(f -> exported.contains(packageOf(classes.relativize(f))))
                    .sorted()
                    .map(Path::toFile)
                    .collect(Collectors.toList());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static String packageOf(Path classFile) {
        Path dir = classFile.getParent();
        return dir == null ? "" : dir.toString().replace(File.separatorChar, '.');
    }
}
