package io.knotwise.store;

import io.knotwise.engine.ConversationStore;
import java.time.Duration;

class MemoryConversationStoreTest extends ConversationStoreContract {

    private final FakeTime time = new FakeTime();

    @Override
    protected Store open(Duration idle) {
        return new MemoryConversationStore(idle, 1000, time);
    }

    @Override
    protected void pass(Duration duration) {
        time.pass(duration);
    }
}
