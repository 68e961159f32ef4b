/**
 * What a fab is, as plain data: tool groups, products and their re-entrant routes, lot releases,
 * initial work in process, breakdowns and maintenance, setups and transport. Built by the SMT2020
 * importer or from the project's own Terafab fab template; run by {@link io.terafab.fab.simulation}.
 */
package io.terafab.fab.definition;
