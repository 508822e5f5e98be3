package com.example.modular.closed;

import dev.keel.annotations.Tool;

/** Tools in a package the module neither exports nor opens: dev.keel.annotations cannot call them. */
public final class Closed {

    @Tool
    public String secret() {
        return "unreachable";
    }
}
