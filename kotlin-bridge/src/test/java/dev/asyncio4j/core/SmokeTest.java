package dev.asyncio4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Task;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void helloWorld() {
        List<String> log = new ArrayList<>();
        String r = Asyncio.run(() -> {
            Task<String> t = Asyncio.createTask(() -> {
                log.add("child start");
                Asyncio.await(Asyncio.sleep(0.01));
                log.add("child end");
                return "hello";
            });
            log.add("main");
            String v = Asyncio.await(t);
            log.add(t.toString());
            return v + " world";
        });
        assertEquals("hello world", r);
        assertEquals(List.of("main", "child start", "child end"), log.subList(0, 3));
        System.out.println(log);
    }
}
