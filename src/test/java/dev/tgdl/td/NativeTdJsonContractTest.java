package dev.tgdl.td;

import dev.tgdl.testing.NativeLibrary;

/** The TDLib contract against the real libtdjson 1.8.67, offline. */
class NativeTdJsonContractTest extends TdJsonContract {

    @Override
    protected TdJson backend() {
        return NativeLibrary.get();
    }
}
