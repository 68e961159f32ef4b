/** power-service: the campus power-grid twin, from the consumers' power draw to the budgets that cap it. */
package io.terafab.power;
