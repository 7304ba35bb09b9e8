/** A Kotlin user's module on the module path: one {@code requires} brings the Java API, Kotlin and kotlinx too. */
module dev.asyncio4j.kotlinconsumer {
    requires dev.asyncio4j.kotlin;
}
