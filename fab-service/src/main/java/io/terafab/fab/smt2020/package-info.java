/** Reads fabs in the public SMT2020 testbed format, so anyone can run the testbed on the twin's engine. */
package io.terafab.fab.smt2020;
