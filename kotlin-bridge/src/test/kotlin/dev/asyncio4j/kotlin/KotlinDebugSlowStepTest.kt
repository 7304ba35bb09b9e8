package dev.asyncio4j.kotlin

import kotlinx.coroutines.delay
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.util.Collections
import java.util.logging.Handler
import java.util.logging.LogRecord
import java.util.logging.Logger

/** Debug mode names the Kotlin Task whose step was slow, also when kotlinx resumed it (after `delay`) (issue 11). */
class KotlinDebugSlowStepTest {
    @Test
    fun `a slow Kotlin step after a delay is blamed on its Task`() {
        val reports = Collections.synchronizedList(ArrayList<String>())
        val handler = object : Handler() {
            override fun publish(record: LogRecord) {
                record.message?.takeIf { it.startsWith("Executing") }?.let(reports::add)
            }

            override fun flush() {}

            override fun close() {}
        }
        val logger = Logger.getLogger("dev.asyncio4j")
        logger.addHandler(handler)
        try {
            asyncioRun(debug = true) {
                createTask("slow-kotlin-step") {
                    delay(10)
                    Thread.sleep(300)
                }.await()
            }
        } finally {
            logger.removeHandler(handler)
        }
        assertTrue(reports.any { "slow-kotlin-step" in it }, "no report names the slow Task: $reports")
    }
}
