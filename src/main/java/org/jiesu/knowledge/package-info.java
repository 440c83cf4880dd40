/**
 * The knowledge base (知识库): answers by category with validity dates. Operators answer consultations from it at
 * once, and residents read matching answers before they file. {@link org.jiesu.knowledge.Knowledge} is its API; it
 * publishes no events and listens to none.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Knowledge base")
package org.jiesu.knowledge;
