package dev.keel.annotations.scan;

import java.lang.reflect.Method;

/** One declared tool, resource, template or prompt, ready to add to a server, and to take away again. */
record Registration(Method method, String what, Runnable add, Runnable remove) {
}
