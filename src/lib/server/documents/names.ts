/**
 * The name a download is saved under: the document's name with the stored file's extension
 * ("Care plan" → "Care plan.pdf"), so the saved file opens in the right program.
 */
export function downloadName(name: string, filePath: string): string {
	const extension = /\.[A-Za-z0-9]{1,10}$/.exec(filePath)?.[0] ?? '';
	return name.toLowerCase().endsWith(extension.toLowerCase()) ? name : `${name}${extension}`;
}
