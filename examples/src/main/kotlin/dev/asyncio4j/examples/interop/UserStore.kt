package dev.asyncio4j.examples.interop

import dev.asyncio4j.kotlin.currentTask
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope

/** A user of [UserStore]. */
data class User(val id: Int, val name: String)

/**
 * A Kotlin repository interface with `suspend` methods, as a Kotlin team would declare it. `suspend-repository`
 * implements it in Java ([InMemoryUserStore], with `Suspend.complete`).
 */
interface UserStore {
    /** The user [id]; suspends while the store looks it up. */
    suspend fun user(id: Int): User

    /** The users [ids], looked up one after the other. */
    suspend fun users(ids: List<Int>): List<User>
}

/**
 * Kotlin code on top of the store, which Java calls with `Suspend.await` / `Suspend.task`: it looks two users up at
 * once in a `coroutineScope` (structured concurrency inside the calling Task) and says who asked.
 */
class Greeter(private val store: UserStore) {
    /** Greets [from] on behalf of [to]: both users are looked up concurrently. */
    suspend fun greet(from: Int, to: Int): String = coroutineScope {
        val sender = async { store.user(from) }
        val receiver = async { store.user(to) }
        "${sender.await().name} greets ${receiver.await().name} (in ${currentTask()?.name})"
    }
}
