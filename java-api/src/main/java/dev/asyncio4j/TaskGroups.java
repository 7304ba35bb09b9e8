package dev.asyncio4j;

/** Python's {@code asyncio.taskgroups}. Filled in by the combinators issue (#3). */
final class TaskGroups {
    private TaskGroups() {
    }

    static <T> T taskGroup(TaskGroup.Body<T> body) {
        throw new UnsupportedOperationException("taskGroup is not implemented yet (issue #3)");
    }
}
