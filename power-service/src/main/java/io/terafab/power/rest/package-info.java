/** REST views of the grid for operators (sources, loads, balance, batteries, budgets, history, meters) and the import-limit command. */
package io.terafab.power.rest;
