package dev.tgdl.td;

/**
 * Receives a client's updates. Called on the receive thread, in TDLib's order: it must return
 * quickly and never block (hand work to another thread if needed).
 */
@FunctionalInterface
public interface TdUpdateListener {

    void onUpdate(TdApi.Update update);
}
