package dev.asyncio4j;

/** {@link GeneratorTest}'s cases on the thread core ({@link ThreadGeneratorCore}) on every JDK. */
class GeneratorOnThreadTest extends GeneratorTest {
    @Override
    <Y, S> Generator<Y, S> gen(Generator.Body<Y, S> body) {
        return Generator.onThread(body);
    }
}
