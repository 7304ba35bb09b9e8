package dev.asyncio4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's code must be the code that compiles here, and must print what the README says. */
class ReadmeSnippetsTest {
    private static final Path README = Path.of("..", "README.md");

    private static String snippet(String language) throws IOException {
        String readme = Files.readString(README);
        Matcher m = Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(m.find(), "README has a " + language + " block");
        return m.group(1).strip();
    }

    private static String sourceWithoutPackage(String path) throws IOException {
        return Files.readString(Path.of(path)).replaceFirst("(?m)^package .*\\R\\R", "").strip();
    }

    @Test
    void javaSnippetIsTheCompiledHello() throws IOException {
        assertEquals(sourceWithoutPackage("src/main/java/dev/asyncio4j/examples/readme/Hello.java"), snippet("java"));
    }

    @Test
    void kotlinSnippetIsTheCompiledHello() throws IOException {
        assertEquals(sourceWithoutPackage("src/main/kotlin/dev/asyncio4j/examples/readme/HelloKt.kt"), snippet("kotlin"));
    }

    @Test
    void bothPrintHelloWorld() {
        assertEquals("hello world", captured(() -> dev.asyncio4j.examples.readme.Hello.main(new String[0])));
        assertEquals("hello world", captured(dev.asyncio4j.examples.readme.HelloKtKt::main));
    }

    private static String captured(Runnable program) {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            program.run();
        } finally {
            System.setOut(original);
        }
        return buffer.toString(StandardCharsets.UTF_8).strip();
    }
}
