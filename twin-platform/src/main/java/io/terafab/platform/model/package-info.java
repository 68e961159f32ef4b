/**
 * The few plain-Java types domain models share with the platform: {@link ModelRejection}, the one
 * way a model refuses a change. No framework imports here: domain packages depend on it.
 */
package io.terafab.platform.model;
