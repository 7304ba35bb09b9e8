/** A user's module on the module path: one {@code requires}, and the runtime arrives by service binding. */
module dev.asyncio4j.consumer {
    requires dev.asyncio4j;
}
