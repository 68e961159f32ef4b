/** REST views of the fab for operators: totals and power, tool groups, tools by id, lots in process. */
package io.terafab.fab.rest;
