package dev.asyncio4j.examples;

/** The five tutorials the examples port, with their titles in the original Chinese and in English. */
public enum Tutorial {
    /** The 2018 introduction. */
    T1("python协程和异步", "Python coroutines and asynchrony", 2018),
    /** The 2023 study notes. */
    T2("十八、异步编程 asyncio", "18. Asynchronous programming: asyncio", 2023),
    /** The 2024 post on awaitables. */
    T3("python中的coroutine", "Coroutines in Python", 2024),
    /** Undated notes on coroutine efficiency, generators and asyncio. */
    T4("协程 / 协程的效率 / 生成器 / asyncio", "Coroutines: efficiency, generators, asyncio", 0),
    /** The crawler tutorial. */
    T5("Python中的异步协程", "Asynchronous coroutines in Python: the crawler", 0),
    /** Programs that go past the tutorials. */
    BEYOND("", "Beyond the tutorials", 0);

    private final String chinese;
    private final String english;
    private final int year;

    Tutorial(String chinese, String english, int year) {
        this.chinese = chinese;
        this.english = english;
        this.year = year;
    }

    /**
     * A section of this tutorial.
     *
     * @param heading the section's heading as the tutorial writes it
     * @param english the heading in English
     * @return the section
     */
    public Section section(String heading, String english) {
        return new Section(this, heading, english);
    }

    /** @return for example {@code T1 "python协程和异步" — Python coroutines and asynchrony (2018)} */
    public String title() {
        if (this == BEYOND) {
            return english;
        }
        return name() + " \"" + chinese + "\" — " + english + (year > 0 ? " (" + year + ")" : "");
    }

    /**
     * One section of a tutorial.
     *
     * @param tutorial the tutorial
     * @param heading  the heading as written in the tutorial
     * @param english  the heading in English
     */
    public record Section(Tutorial tutorial, String heading, String english) {
        /** @return for example {@code T1 › 协程嵌套 (nesting coroutines)} */
        @Override
        public String toString() {
            String label = tutorial == BEYOND ? "beyond" : tutorial.name();
            return heading.isEmpty() || heading.equals(english)
                    ? label + " › " + english
                    : label + " › " + heading + " (" + english + ")";
        }
    }
}
