package dev.turnpike.lightning.embedded;

class InMemoryNodeStoreTest extends NodeStoreContract {

    @Override
    NodeStore newStore() {
        return new InMemoryNodeStore();
    }
}
