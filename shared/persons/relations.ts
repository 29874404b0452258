/** Relation of a household member to the head of household (QĐ 831 section A). */
export const RELATIONS = [
  'head', 'spouse', 'child', 'parent', 'sibling', 'grandchild', 'grandparent', 'child_in_law', 'parent_in_law', 'other',
] as const;
export type Relation = (typeof RELATIONS)[number];

/** The newborn's relation to the head, from the mother's relation (one-action "add newborn"). */
export function newbornRelation(motherRelation: Relation): Relation {
  switch (motherRelation) {
    case 'head':
    case 'spouse':
      return 'child';
    case 'child':
    case 'child_in_law':
      return 'grandchild';
    case 'parent':
      return 'sibling';
    default:
      return 'other';
  }
}
