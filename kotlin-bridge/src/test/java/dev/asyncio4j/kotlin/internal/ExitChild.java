package dev.asyncio4j.kotlin.internal;

import dev.asyncio4j.Asyncio;

/** A program for {@link ExitFromLoopTest} to run in a child JVM: {@code System.exit(3)} from inside a run. */
public final class ExitChild {
    private ExitChild() {
    }

    public static void main(String[] args) {
        switch (args[0]) {
            case "body" -> Asyncio.run(() -> {
                Asyncio.await(Asyncio.sleep(0.01));
                System.exit(3);
                return null;
            });
            case "callback" -> Asyncio.run(() -> {
                Asyncio.getRunningLoop().callSoon(() -> System.exit(3));
                Asyncio.await(Asyncio.sleep(60));
                return null;
            });
            default -> throw new IllegalArgumentException(args[0]);
        }
    }
}
