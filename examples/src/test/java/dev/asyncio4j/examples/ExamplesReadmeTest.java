package dev.asyncio4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** examples/README.md maps every tutorial section to its programs: its table must name exactly the registry's. */
class ExamplesReadmeTest {
    private static final Pattern PROGRAM = Pattern.compile("`([a-z0-9-]+)`( \\(tour[^)]*\\))?");

    @Test
    void theTableNamesEveryProgramOnceWithItsTourMark() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String table = readme.substring(readme.indexOf("## Every tutorial section and its program"),
                readme.indexOf("## Where the Java differs"));
        Map<String, Boolean> listed = new LinkedHashMap<>();
        for (String row : table.split("\n")) {
            String[] cells = row.split("\\|");
            if (cells.length < 3 || !row.startsWith("| ") || row.startsWith("| tutorial section")) {
                continue;
            }
            Matcher m = PROGRAM.matcher(cells[2]);
            while (m.find()) {
                assertTrue(listed.put(m.group(1), m.group(2) != null) == null, "listed twice: " + m.group(1));
            }
        }
        Map<String, Boolean> registered = new LinkedHashMap<>();
        Examples.all().forEach(e -> registered.put(e.name(), e.inTour()));
        assertEquals(registered, listed, "README table (name -> in the tour) vs the registry");
    }
}
