### Messages: writing the output folder (src/output).
### Ids start with "output-"; the same ids, with the same arguments, are in ../fr/output.ftl.

output-bug-taken-twice = BUG: two files would be written at /{ $path }
output-bug-path-leaves = BUG: an output path leaves the output folder
output-bug-committed-twice = BUG: the output was already committed
output-cannot-copy = cannot copy: { $error }
output-cannot-create-folder = cannot create the folder: { $error }
output-cannot-write = cannot write: { $error }
output-cannot-move-aside = cannot move the previous output aside: { $error }
output-cannot-put-in-place = cannot put the new output in place: { $error }
output-write-failed = cannot write the new site into { $folder }: { $error } (at { $file }); nothing more was written
output-disk-full-hint = the new site takes about { $total } { $total_unit } ({ $missing } { $missing_unit } of it not written); it is written in full beside the previous output before replacing it: free that much space on the disk of { $folder } and build again
output-write-failed-hint = the previous output is unchanged; check that { $folder } is writable and build again
output-dangerous = refusing to write the site there: the output folder would replace the site's own files
output-dangerous-hint = choose an output folder that is not the site folder, nor inside content/ or themes/ (default: public/)
output-not-a-folder = the output path exists and is not a folder
output-earlier-version = refusing to replace this folder: it looks like a site built by an earlier version of ambassade, which did not mark its outputs, and it may hold other files
output-earlier-version-hint = if it holds nothing else you want to keep, run the same command once with --force: the new output carries a { $marker } file, and later builds replace it without asking
output-foreign-files = refusing to replace this folder: it holds files that ambassade did not write, and a build replaces all of its content
output-foreign-files-hint = choose another folder with --output, or move these files away; to delete them and write the site there, run the same command with --force (a previous output holds a { $marker } file and is replaced without asking)
