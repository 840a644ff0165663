/**
 * jcstress tests of {@code io.cpra.core.engine.queue}. Each test class names the property it
 * proves, with one nested test per queue variant it applies to.
 *
 * <p>Run: {@code java -jar benchmarks/jcstress/target/jcstress.jar -t io.cpra.stress.queue -m quick}
 * (use the default mode, or {@code -m tough}, for a real verdict on a quiet machine).
 */
package io.cpra.stress.queue;
