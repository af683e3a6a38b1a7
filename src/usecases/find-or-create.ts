// Pages that several setups may make at once (a client's Reports page and drafts page, when two of
// its services are set up together): find it, else make it; when a sibling made it a moment ago,
// Confluence refuses the duplicate title and we adopt theirs.

export async function findOrCreate<T>(find: () => Promise<T | null | undefined>, create: () => Promise<T>): Promise<T> {
  const found = await find();
  if (found) return found;
  try {
    return await create();
  } catch (e) {
    const made = await find();
    if (made) return made;
    throw e;
  }
}
