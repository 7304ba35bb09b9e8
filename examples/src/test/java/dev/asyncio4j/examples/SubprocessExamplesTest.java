package dev.asyncio4j.examples;

import org.junit.jupiter.api.Test;

/** The subprocess program (beyond the tutorials): pipelines with communicate(), commands run at once. */
class SubprocessExamplesTest {
    @Test
    void pipelineCountsTheFilesAndTheCommandsOverlap() throws Exception {
        ProgramRun.of("subprocess-pipeline", 0.5)
                .printed("[ls -1 | wc -l, by hand] 5 files; exit codes 0 0",
                        "['ls -1 | wc -l' exited with 0]",
                        "[stdout]",
                        "5",
                        "['sleep 0.5; echo hello' exited with 0]",
                        "[stdout]",
                        "hello",
                        "['sleep 0.5; echo world >&2; exit 3' exited with 3]",
                        "[stderr]",
                        "world")
                .tookAtLeast(1)
                .tookLessThan(2);   // two 1 s sleeps one after the other would take 2 s
    }
}
