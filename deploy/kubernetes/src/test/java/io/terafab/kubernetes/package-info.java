/** The Kubernetes manifests of deploy/kubernetes, rendered by kustomize and validated offline against published schemas. */
package io.terafab.kubernetes;
