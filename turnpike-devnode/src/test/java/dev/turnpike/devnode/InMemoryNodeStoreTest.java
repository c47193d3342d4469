package dev.turnpike.devnode;

class InMemoryNodeStoreTest extends NodeStoreContract {

    @Override
    NodeStore newStore() {
        return new InMemoryNodeStore();
    }
}
