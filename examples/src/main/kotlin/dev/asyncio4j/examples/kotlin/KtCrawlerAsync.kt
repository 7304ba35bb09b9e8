package dev.asyncio4j.examples.kotlin

import dev.asyncio4j.Asyncio
import dev.asyncio4j.examples.Clock.now
import dev.asyncio4j.examples.Scale
import dev.asyncio4j.examples.TutorialProgram
import dev.asyncio4j.examples.crawler.SlowServer
import dev.asyncio4j.kotlin.asyncioRun
import dev.asyncio4j.kotlin.await
import dev.asyncio4j.kotlin.createTask
import java.io.PrintStream
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse

/**
 * Tutorial 5, "使用aiohttp", in Kotlin: five requests to the 3-second server through `HttpClient.sendAsync`, wrapped
 * with `Asyncio.wrapFuture` and awaited in Kotlin tasks — about 3 s in all, not 15.
 */
class KtCrawlerAsync(out: PrintStream, scale: Double) : TutorialProgram(out, scale) {
    private val session = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()

    private suspend fun get(url: String): String {
        val request = HttpRequest.newBuilder(URI.create(url)).build()
        val response = Asyncio.wrapFuture(session.sendAsync(request, HttpResponse.BodyHandlers.ofString())).await()
        return response.body()
    }

    private suspend fun request(url: String) {
        print("Waiting for", url)
        val result = get(url)
        print("Get response from", url, "Result:", result)
    }

    override fun main() {
        SlowServer.start(scaled(3.0)).use { server ->
            val start = now()
            asyncioRun {
                val tasks = List(5) { createTask { request(server.url()) } }
                Asyncio.wait(tasks).await()
            }
            print("Cost time:", seconds(now() - start))
        }
    }

    companion object {
        /** Runs the program on `System.out`; accepts `--scale X`. */
        @JvmStatic
        fun main(args: Array<String>) = Scale.main(args, ::KtCrawlerAsync)
    }
}
