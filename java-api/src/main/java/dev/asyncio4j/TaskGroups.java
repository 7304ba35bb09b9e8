package dev.asyncio4j;

import dev.asyncio4j.internal.RethrowRule;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Python's {@code asyncio.TaskGroup} ({@code taskgroups.py}, with 3.13's fixes to the un-cancel bookkeeping) for a body run inline in the current Task.
 *
 * <p>The first child failure aborts the group: the other children are cancelled and so is the parent Task (the
 * body, at its current await), which the group later un-cancels. When every child is done the group throws an
 * {@link ExceptionGroup} of all failures (cancellations excluded; the body's own failure included), a
 * {@link VirtualMachineError} as it is, or the {@link CancelledError} of a cancellation that came from outside.
 */
final class TaskGroups {
    private TaskGroups() {
    }

    static <T> T taskGroup(TaskGroup.Body<T> body) {
        Objects.requireNonNull(body, "body");
        Group group = new Group(Asyncio.getRunningLoop());
        T result;
        try {
            result = body.run(group);
        } catch (Throwable t) {
            group.exit(t);
            throw RethrowRule.rethrow(t);
        }
        group.exit(null);
        return result;
    }

    private static final class Group implements TaskGroup {
        private final EventLoop loop;
        private final Task<?> parentTask;
        private boolean exiting;
        private boolean aborting;
        private boolean parentCancelRequested;
        private final Set<Task<?>> tasks = new LinkedHashSet<>();
        private final List<Throwable> errors = new ArrayList<>();
        private Throwable baseError;
        private Future<Boolean> onCompleted;

        Group(EventLoop loop) {
            this.loop = loop;
            this.parentTask = Asyncio.currentTask();
            if (parentTask == null) {
                throw new IllegalStateException("taskGroup() cannot determine the parent task: "
                        + "call it from a coroutine body");
            }
        }

        @Override
        public <R> Task<R> createTask(Coroutine<R> coro) {
            return createTask(coro, null);
        }

        @Override
        public <R> Task<R> createTask(Coroutine<R> coro, String name) {
            Objects.requireNonNull(coro, "coro");
            if (exiting && tasks.isEmpty()) {
                throw new IllegalStateException("TaskGroup " + this + " is finished: create tasks inside its body");
            }
            if (aborting) {
                throw new IllegalStateException("TaskGroup " + this + " is shutting down: a child failed or the "
                        + "group was cancelled, so it takes no new tasks");
            }
            Task<R> task = name == null ? loop.createTask(coro) : loop.createTask(coro, name);
            if (task.isDone()) {
                onTaskDone(task);
            } else {
                tasks.add(task);
                task.addDoneCallback(this::onTaskDone);
            }
            return task;
        }

        /** CPython's {@code __aexit__}: waits for the children, then decides what the group raises. */
        void exit(Throwable error) {
            exiting = true;
            if (error instanceof VirtualMachineError && baseError == null) {
                baseError = error;
            }
            CancelledError propagateCancellation = error instanceof CancelledError ? (CancelledError) error : null;
            if (error != null && !aborting) {
                abort();
            }
            while (!tasks.isEmpty()) {
                if (onCompleted == null) {
                    onCompleted = loop.createFuture();
                }
                try {
                    Asyncio.await(onCompleted);
                } catch (CancelledError e) {
                    if (!aborting) {
                        // The parent is being cancelled from outside while children still run.
                        propagateCancellation = e;
                        abort();
                    }
                }
                onCompleted = null;
            }
            if (baseError != null) {
                throw RethrowRule.rethrow(baseError);
            }
            if (parentCancelRequested) {
                // We cancelled the parent ourselves: withdraw that request (only now that no child can make another,
                // as CPython 3.13 does). If none is left, do not propagate the cancellation.
                if (parentTask.uncancel() == 0) {
                    propagateCancellation = null;
                }
            }
            if (propagateCancellation != null && errors.isEmpty()) {
                throw propagateCancellation;
            }
            if (error != null && !(error instanceof CancelledError)) {
                errors.add(error);
            }
            if (!errors.isEmpty()) {
                if (parentTask.cancelling() > 0) {
                    // The parent is being cancelled from outside: keep that request pending past the group's error.
                    parentTask.uncancel();
                    parentTask.cancel();
                }
                List<Throwable> all = List.copyOf(errors);
                errors.clear();
                throw new ExceptionGroup("unhandled errors in a TaskGroup", all);
            }
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
                // Interrupt the body at its current await; exit() withdraws this request again.
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
}
