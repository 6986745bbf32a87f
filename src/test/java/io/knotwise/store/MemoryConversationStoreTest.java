package io.knotwise.store;

import java.time.Duration;

class MemoryConversationStoreTest extends ConversationStoreContract {

    private final FakeTime time = new FakeTime();

    private Store last;

    @Override
    protected Store open(Duration idle) {
        last = new MemoryConversationStore(idle, 1000, time);
        return last;
    }

    /** Memory is not shared: the one store is all there is to see. */
    @Override
    protected Store reopen(Duration idle) {
        return last;
    }

    @Override
    protected void pass(Duration duration) {
        time.pass(duration);
    }
}
