package dev.asyncio4j.internal;

import dev.asyncio4j.CancelledError;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.ExceptionContext;
import dev.asyncio4j.ExceptionGroup;
import dev.asyncio4j.Future;
import dev.asyncio4j.Task;
import dev.asyncio4j.TaskGroup;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * CPython's {@code asyncio.TaskGroup} ({@code taskgroups.py}, with 3.13's fixes to the un-cancel bookkeeping): the one
 * algorithm behind Java's {@code Asyncio.taskGroup} and Kotlin's {@code taskGroup}. Each language runs the body its
 * own way and supplies only its way of waiting in {@code __aexit__}:
 *
 * <pre>{@code
 * group.beginExit(error);                               // the body ended (error: what it threw, or null)
 * for (Future<?> w; (w = group.childrenDone()) != null; ) {
 *     try { await(w); } catch (CancelledError e) { group.cancelledWhileWaiting(e); }
 * }
 * Throwable raise = group.endExit();                    // throw it if not null, else the body's own error
 * }</pre>
 *
 * <p>The first child failure aborts the group: the other children are cancelled and so is the parent Task (the
 * body, at its current await), which the group un-cancels once no child can cancel it again. When every child is
 * done the group raises an {@link ExceptionGroup} of all failures (cancellations excluded; the body's own failure
 * included), a {@link VirtualMachineError} as it is, or the {@link CancelledError} of a cancellation that came from
 * outside.
 *
 * <p><b>Thread-safety.</b> Confined to the loop: the body and the children use it from the loop's thread (Java
 * bodies' steps included).
 */
public final class TaskGroupCore implements TaskGroup {
    private final EventLoop loop;
    private final Task<?> parentTask;
    private boolean exiting;
    private boolean aborting;
    private boolean parentCancelRequested;
    private final Set<Task<?>> tasks = new LinkedHashSet<>();
    private final List<Throwable> errors = new ArrayList<>();
    private Throwable baseError;
    private Future<Boolean> onCompleted;
    private CancelledError propagateCancellation;
    private Throwable bodyError;

    /**
     * A group whose body runs in {@code parentTask}.
     *
     * @param loop the running loop
     * @param parentTask the Task running the body
     */
    public TaskGroupCore(EventLoop loop, Task<?> parentTask) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.parentTask = Objects.requireNonNull(parentTask, "parentTask");
    }

    @Override
    public <R> Task<R> createTask(Coroutine<R> coro) {
        return createTask(coro, null);
    }

    @Override
    public <R> Task<R> createTask(Coroutine<R> coro, String name) {
        Objects.requireNonNull(coro, "coro");
        checkOpen();
        return adopt(name == null ? loop.createTask(coro) : loop.createTask(coro, name));
    }

    /**
     * Refuses new children once the group is finished or shutting down (call before creating a child).
     *
     * @throws IllegalStateException then
     */
    public void checkOpen() {
        if (exiting && tasks.isEmpty()) {
            throw new IllegalStateException("TaskGroup " + this + " is finished: create tasks inside its body");
        }
        if (aborting) {
            throw new IllegalStateException("TaskGroup " + this + " is shutting down: a child failed or the group "
                    + "was cancelled, so it takes no new tasks");
        }
    }

    /**
     * Makes a Task just created (after {@link #checkOpen()}) a child of the group.
     *
     * @param task the new Task
     * @param <R> its result type
     * @return {@code task}
     */
    public <R> Task<R> adopt(Task<R> task) {
        if (task.isDone()) {
            onTaskDone(task);
        } else {
            tasks.add(task);
            // The parent Task awaits its children (CPython's TaskGroup records the same in the call graph).
            task.addDoneCallback(AwaiterLink.link(parentTask, this::onTaskDone));
        }
        return task;
    }

    /**
     * CPython's {@code __aexit__}, first part: the body ended.
     *
     * @param error what the body threw, or {@code null}
     */
    public void beginExit(Throwable error) {
        exiting = true;
        bodyError = error;
        if (error instanceof VirtualMachineError && baseError == null) {
            baseError = error;
        }
        propagateCancellation = error instanceof CancelledError ? (CancelledError) error : null;
        if (error != null && !aborting) {
            abort();
        }
    }

    /**
     * What to wait for next in {@code __aexit__}.
     *
     * @return a Future done once the children still running are done, or {@code null} when none runs
     */
    public Future<Boolean> childrenDone() {
        if (tasks.isEmpty()) {
            return null;
        }
        if (onCompleted == null || onCompleted.isDone()) {
            onCompleted = loop.createFuture();
        }
        return onCompleted;
    }

    /**
     * The parent was cancelled while waiting for the children: a cancellation from outside, unless the group
     * cancelled it itself.
     *
     * @param e the cancellation the wait raised
     */
    public void cancelledWhileWaiting(CancelledError e) {
        if (!aborting) {
            propagateCancellation = e;
            abort();
        }
    }

    /**
     * CPython's {@code __aexit__}, last part: every child is done.
     *
     * @return what the group raises ({@link ExceptionGroup}, {@link VirtualMachineError} or {@link CancelledError}),
     *         or {@code null} when it raises nothing (the body's own error, if any, then propagates)
     */
    public Throwable endExit() {
        if (baseError != null) {
            return baseError;
        }
        if (parentCancelRequested && parentTask.uncancel() == 0) {
            // The group cancelled the parent itself (only now can no child make another request, as CPython 3.13
            // does) and no other request is pending: nothing to propagate.
            propagateCancellation = null;
        }
        if (propagateCancellation != null && errors.isEmpty()) {
            return propagateCancellation;
        }
        if (bodyError != null && !(bodyError instanceof CancelledError)) {
            errors.add(bodyError);
        }
        if (errors.isEmpty()) {
            return null;
        }
        if (parentTask.cancelling() > 0) {
            // The parent is being cancelled from outside: keep that request pending past the group's error.
            parentTask.uncancel();
            parentTask.cancel();
        }
        List<Throwable> all = List.copyOf(errors);
        errors.clear();
        return new ExceptionGroup("unhandled errors in a TaskGroup", all);
    }

    private void abort() {
        aborting = true;
        for (Task<?> t : tasks) {
            if (!t.isDone()) {
                t.cancel();
            }
        }
    }

    private void onTaskDone(Future<?> task) {
        tasks.remove(task);
        if (onCompleted != null && tasks.isEmpty() && !onCompleted.isDone()) {
            onCompleted.setResult(true);
        }
        if (task.isCancelled()) {
            return;
        }
        Throwable error = task.exception();
        if (error == null) {
            return;
        }
        errors.add(error);
        if (error instanceof VirtualMachineError && baseError == null) {
            baseError = error;
        }
        if (parentTask.isDone()) {
            loop.callExceptionHandler(new ExceptionContext("Task " + task + " has errored out but its parent task "
                    + parentTask + " is already completed", error, task, null));
            return;
        }
        if (!aborting && !parentCancelRequested) {
            // Interrupt the body at its current await; endExit() withdraws this request again.
            abort();
            parentCancelRequested = true;
            parentTask.cancel();
        }
    }

    @Override
    public String toString() {
        return "<TaskGroup tasks=" + tasks.size() + (aborting ? " cancelling" : "")
                + (exiting && tasks.isEmpty() ? " finished" : "") + ">";
    }
}
