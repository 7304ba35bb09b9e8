package dev.asyncio4j.examples.readme;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Task;

public class Hello {
    public static void main(String[] args) {
        String greeting = Asyncio.run(() -> {                  // asyncio.run(main())
            Task<String> world = Asyncio.createTask(() -> {   // asyncio.create_task(...)
                Asyncio.await(Asyncio.sleep(0.1));             // await asyncio.sleep(0.1)
                return "world";
            });
            return "hello " + Asyncio.await(world);            // await task
        });
        System.out.println(greeting);
    }
}
