import type { IAspect } from 'cdktf';
import type { IConstruct } from 'constructs';

/** A resource with a `tags` map (every taggable AWS resource class has both members). */
type TaggableConstruct = IConstruct & {
  tags?: Record<string, string>;
  tagsInput?: Record<string, string>;
};

function isTaggable(node: IConstruct): node is TaggableConstruct {
  return 'tags' in node && 'tagsInput' in node;
}

/**
 * Adds the default tags (project, environment, managed-by) to every taggable resource. Tags a resource sets
 * itself win, so a construct can override one on purpose.
 */
export class DefaultTags implements IAspect {
  constructor(private readonly tags: Readonly<Record<string, string>>) {}

  visit(node: IConstruct): void {
    if (isTaggable(node)) {
      node.tags = { ...this.tags, ...(node.tagsInput ?? {}) };
    }
  }
}

/** The tags every resource of an environment carries. */
export function platformTags(environment: string): Record<string, string> {
  return { project: 'northwind-data-vault-platform', environment, 'managed-by': 'cdktf' };
}
