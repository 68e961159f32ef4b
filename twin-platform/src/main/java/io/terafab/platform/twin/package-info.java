/**
 * The generic model holder every service extends once: the model behind the state lock.
 */
package io.terafab.platform.twin;
