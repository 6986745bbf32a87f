package io.knotwise.channel.web;

import io.knotwise.StoreUnavailableException;
import io.knotwise.engine.Conversation;
import io.knotwise.store.Store;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/** A store that works until a test pulls the plug: then every call fails as an unreachable Redis would. */
final class OutageStore implements Store {

    private final Store store;
    private final AtomicBoolean down = new AtomicBoolean();

    OutageStore(Store store) {
        this.store = store;
    }

    void goDown() {
        down.set(true);
    }

    private void check() {
        if (down.get()) {
            throw new StoreUnavailableException("the test pulled the plug");
        }
    }

    @Override
    public Optional<Stored> find(String id) {
        check();
        return store.find(id);
    }

    @Override
    public boolean save(Conversation conversation, long version) {
        check();
        return store.save(conversation, version);
    }

    @Override
    public boolean delete(String id) {
        check();
        return store.delete(id);
    }

    @Override
    public Optional<String> linked(String user) {
        check();
        return store.linked(user);
    }

    @Override
    public void link(String user, String conversationId) {
        check();
        store.link(user, conversationId);
    }

    @Override
    public boolean claim(String key) {
        check();
        return store.claim(key);
    }

    @Override
    public boolean linkIfAbsent(String user, String conversationId) {
        check();
        return store.linkIfAbsent(user, conversationId);
    }

    @Override
    public boolean relink(String user, String expected, String conversationId) {
        check();
        return store.relink(user, expected, conversationId);
    }

    @Override
    public void release(String key) {
        check();
        store.release(key);
    }

    @Override
    public long count() {
        check();
        return store.count();
    }

    @Override
    public boolean ready() {
        return !down.get();
    }
}
