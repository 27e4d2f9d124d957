// Built-in vocabularies for the text generators (no external files, so pages are the same everywhere).

export const WORDS: readonly string[] = (
  'the of and to in is was that for it with as his on be at by had are but from or have an they ' +
  'which one you were her all she there would their we him been has when who will more no if out ' +
  'so said what up its about into than them can only other new some could time these two may then ' +
  'do first any my now such like our over man me even most made after also did many before must ' +
  'through back years where much your way well down should because each just those people how too ' +
  'little state good very make world still own see men work long get here between both life being ' +
  'under never day same another know while last might us great old year off come since against go ' +
  'came right used take three memory page device block compressed swap kernel driver allocator ' +
  'object class zone buffer queue request sector offset length stream window river mountain garden ' +
  'window letter morning evening silver golden quiet sudden gentle bright narrow distant ancient'
).split(' ');

export const C_TYPES: readonly string[] = ['int', 'unsigned long', 'size_t', 'u32', 'u64', 'bool', 'char *', 'struct page *', 'void *'];

export const C_NAMES: readonly string[] = (
  'zram zs_pool handle index offset len comp_len slot page obj class zspage flags count ' +
  'ret err buf src dst entry node list head tail size limit used stats bio sector req'
).split(' ');

export const C_FUNCS: readonly string[] = (
  'zs_malloc zs_free memcpy memset kmalloc kfree spin_lock spin_unlock atomic_inc ' +
  'atomic64_add list_add list_del pr_err WARN_ON get_slot set_slot bio_endio'
).split(' ');

export const JSON_KEYS: readonly string[] = (
  'id name email active score tags created updated owner status count ratio region ' +
  'version path size mode uid gid kind labels'
).split(' ');
